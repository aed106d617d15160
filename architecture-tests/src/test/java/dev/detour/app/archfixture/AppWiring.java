package dev.detour.app.archfixture;

/** An app class that adapters must not use. */
public class AppWiring {
}
