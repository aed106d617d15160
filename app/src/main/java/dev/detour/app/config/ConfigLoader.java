package dev.detour.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.detour.core.internal.Require;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads Detour's configuration: {@code --config FILE}, else the file named by {@code DETOUR_CONFIG}, else
 * {@code ./detour.yaml} if present, else the built-in defaults; then applies the command-line overrides.
 * Every problem is reported at once, by key path, in one {@link ConfigException}; keys are never read
 * from a file, only from the environment variable a provider's {@code token-env} (a source's {@code key-env}) names.
 *
 * <p>A file may leave out any section or key, which then takes its default. A file's {@code providers}
 * replaces the built-in {@code hf} and {@code openai} entirely, and its {@code chain} replaces the built-in
 * chain; without a {@code chain}, such a file keeps the built-in entries whose provider it declares with
 * the built-in type. {@code call-deadline: none} removes the whole-call deadline. A file's {@code sources} replaces
 * the built-in PubMed, Europe PMC, ClinicalTrials.gov and OpenAlex; {@code evidence: none} turns grounding off.
 */
public final class ConfigLoader {

    /** The environment variable naming a configuration file when {@code --config} is not given. */
    public static final String CONFIG_VARIABLE = "DETOUR_CONFIG";

    /** The file read from the working directory when neither {@code --config} nor {@code DETOUR_CONFIG} is given. */
    public static final String FILE_NAME = "detour.yaml";

    /** The {@link DetourConfig#source()} of a configuration read from no file. */
    public static final String DEFAULTS_SOURCE = "built-in defaults";

    private final ConfigFiles files;
    private final ConfigReader reader;

    /**
     * A loader reading {@code ./detour.yaml} from the process's working directory.
     *
     * @param providerTypes the provider types a configuration may name, whose options it validates, usually
     *     {@link ProviderTypes#installed()}
     * @param environment where keys, {@code DETOUR_CONFIG}, {@code OPENAI_API_KEY} and {@code OPENAI_BASE_URL}
     *     are read, usually {@link Environment#system()}
     */
    public ConfigLoader(ProviderTypes providerTypes, Environment environment) {
        this(providerTypes, environment, Path.of("").toAbsolutePath());
    }

    /** A loader resolving relative paths and {@code ./detour.yaml} against {@code workingDirectory}. */
    public ConfigLoader(ProviderTypes providerTypes, Environment environment, Path workingDirectory) {
        this(providerTypes, SourceTypes.installed(), environment, workingDirectory);
    }

    /**
     * A loader for exactly these provider and evidence-source types, resolving relative paths and
     * {@code ./detour.yaml} against {@code workingDirectory}.
     */
    public ConfigLoader(ProviderTypes providerTypes, SourceTypes sourceTypes, Environment environment,
            Path workingDirectory) {
        Require.nonNull(providerTypes, "providerTypes");
        Require.nonNull(sourceTypes, "sourceTypes");
        Require.nonNull(environment, "environment");
        Require.nonNull(workingDirectory, "workingDirectory");
        this.files = new ConfigFiles(environment, workingDirectory.toAbsolutePath());
        this.reader = new ConfigReader(new ProvidersReader(providerTypes, environment), new SourcesReader(sourceTypes),
                environment,
                new StoreReader(environment, workingDirectory.toAbsolutePath()));
    }

    /**
     * The configuration from {@code explicitFile} ({@code --config}), or the file found as the class
     * describes, or the built-in defaults.
     *
     * @throws ConfigException listing every problem, such as a named file that does not exist
     */
    public DetourConfig load(Optional<Path> explicitFile) {
        return load(explicitFile, Overrides.none());
    }

    /**
     * Like {@link #load(Optional)}, with the command line's {@code overrides} applied and validated the same way.
     *
     * @throws ConfigException listing every problem of the file and of the overrides
     */
    public DetourConfig load(Optional<Path> explicitFile, Overrides overrides) {
        Require.nonNull(explicitFile, "explicitFile");
        Require.nonNull(overrides, "overrides");
        Problems problems = new Problems();
        Optional<Path> file = files.locate(explicitFile, problems);
        String source = file.or(() -> files.named(explicitFile)).map(Path::toString).orElse(DEFAULTS_SOURCE);
        problems.throwIfAny(source);
        if (file.isEmpty()) {
            return reader.read(emptyTree(), DEFAULTS_SOURCE, overrides, problems);
        }
        Optional<JsonNode> tree = YamlFiles.read(file.get(), problems);
        problems.throwIfAny(source);
        return reader.read(tree.orElseThrow(), source, overrides, problems);
    }

    /**
     * The built-in defaults, as if no file existed: providers {@code hf} (Hugging Face router, key from
     * {@code HF_TOKEN}) and {@code openai} (key from {@code OPENAI_API_KEY}, base URL from
     * {@code OPENAI_BASE_URL} if set); the chain {@code openai:gpt-4o-mini} when {@code OPENAI_API_KEY} is
     * set, then {@code hf:Qwen/Qwen2.5-72B-Instruct}, {@code hf:Qwen/Qwen2.5-7B-Instruct} and
     * {@code hf:meta-llama/Llama-3.1-8B-Instruct}.
     *
     * @throws ConfigException if {@code OPENAI_BASE_URL} is set to an unusable URL
     */
    public DetourConfig defaults() {
        return reader.read(emptyTree(), DEFAULTS_SOURCE, Overrides.none(), new Problems());
    }

    private static JsonNode emptyTree() {
        return JsonNodeFactory.instance.objectNode();
    }
}
