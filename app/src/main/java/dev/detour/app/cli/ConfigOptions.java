package dev.detour.app.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command that reads the configuration shares. */
final class ConfigOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (default: $DETOUR_CONFIG, else ./detour.yaml, else built-in defaults).")
    Path file;

    @Option(names = "--chain", paramLabel = "MODELS",
            description = "Comma-separated chain overriding the configured one, such as hf:Qwen/Qwen2.5-7B-Instruct,openai:gpt-4o-mini.")
    String chain;
}
