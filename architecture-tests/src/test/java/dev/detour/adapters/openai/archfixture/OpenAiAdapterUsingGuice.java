package dev.detour.adapters.openai.archfixture;

import com.google.inject.AbstractModule;

/** Breaks "Guice in app only": an adapter wiring itself with Guice. */
public class OpenAiAdapterUsingGuice extends AbstractModule {
}
