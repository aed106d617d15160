package dev.detour.app.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The help texts of every command: wrapped at the terminal's width between words only (never inside
 * {@code ./detour.yaml} or {@code workflow.max-iterations}), each with the exit codes and the environment
 * variables, and {@code --version} with the build's details. Applied to the whole command tree, so a command
 * added later gets them too; each command keeps its own example in its footer.
 */
final class HelpLayout {

    static final String SECTION_KEY_ENVIRONMENT = "environment";

    static final Map<String, String> EXIT_CODES = exitCodes();

    static final Map<String, String> ENVIRONMENT = environment();

    /** Wide enough that picocli itself wraps nothing; the lines are wrapped here instead. */
    private static final int UNWRAPPED = 10_000;
    private static final int MAX_WIDTH = 120;
    private static final Pattern SYNOPSIS_HEAD = Pattern.compile("^Usage: [^\\[<-]*");
    private static final Pattern TWO_COLUMNS = Pattern.compile("^(\\s*\\S.*?\\s{2,})\\S");

    private HelpLayout() {}

    private static Map<String, String> exitCodes() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("0", "Success.");
        codes.put("1", "The run failed, or its report or output is incomplete (stderr says why); doctor: no model answered.");
        codes.put("2", "Usage or configuration error.");
        codes.put("130", "Interrupted (Ctrl-C); what the run had is still written.");
        codes.put("141", "The reader of standard output closed it early (| head); nothing is said.");
        return java.util.Collections.unmodifiableMap(codes);
    }

    private static Map<String, String> environment() {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("HF_TOKEN", "Hugging Face token of the built-in hf provider (or the variable its token-env names).");
        variables.put("OPENAI_API_KEY", "OpenAI key of the built-in openai provider; when set, openai:gpt-4o-mini leads the"
                + " default chain.");
        variables.put("OPENAI_BASE_URL", "Base URL of the built-in openai provider.");
        variables.put("DETOUR_CONFIG", "Configuration file used when --config is not given.");
        variables.put("COLUMNS", "Width of the terminal for help and the progress line.");
        return java.util.Collections.unmodifiableMap(variables);
    }

    /** Lays out the help of {@code root} and of every command below it for a terminal {@code columns} wide. */
    static void apply(CommandLine root, int columns) {
        int width = Math.min(columns, MAX_WIDTH);
        List<CommandLine> all = new ArrayList<>();
        collect(root, all);
        for (CommandLine command : all) {
            command.getCommandSpec().versionProvider(new BuildInfo());
            UsageMessageSpec usage = command.getCommandSpec().usageMessage();
            usage.width(UNWRAPPED);
            if (usage.exitCodeList().isEmpty()) {
                usage.exitCodeListHeading("%nExit codes:%n").exitCodeList(EXIT_CODES);
            }
            List<String> keys = new ArrayList<>(command.getHelpSectionKeys());
            if (!keys.contains(SECTION_KEY_ENVIRONMENT)) {
                keys.add(keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST) + 1,
                        SECTION_KEY_ENVIRONMENT);
            }
            command.setHelpSectionKeys(keys);
            Map<String, CommandLine.IHelpSectionRenderer> sections = new LinkedHashMap<>(command.getHelpSectionMap());
            sections.put(SECTION_KEY_ENVIRONMENT, help -> environmentSection());
            sections.replaceAll((key, renderer) -> key.equals(UsageMessageSpec.SECTION_KEY_SYNOPSIS)
                    ? help -> synopsis(help.synopsisHeading(), renderer.render(help), width)
                    : help -> wrap(renderer.render(help), width, false));
            command.setHelpSectionMap(sections);
        }
    }

    private static void collect(CommandLine command, List<CommandLine> all) {
        all.add(command);
        command.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, all));
    }

    private static String environmentSection() {
        int keyWidth = ENVIRONMENT.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder text = new StringBuilder(String.format("%nEnvironment:%n"));
        ENVIRONMENT.forEach((name, meaning) -> text.append("  ").append(name)
                .append(" ".repeat(keyWidth - name.length() + 3)).append(meaning).append(System.lineSeparator()));
        return text.toString();
    }

    /** The synopsis wrapped as if it followed its heading ({@code Usage: }) on the same line, continued under its first option. */
    private static String synopsis(String heading, String text, int width) {
        if (heading.contains("\n") || heading.isEmpty()) {
            return wrap(text, width, true);
        }
        return wrap(heading + text, width, true).substring(heading.length());
    }

    /** {@code text} with every line longer than {@code width} broken between words, continued under itself. */
    static String wrap(String text, int width, boolean synopsis) {
        String separator = System.lineSeparator();
        StringBuilder out = new StringBuilder();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            out.append(wrapLine(lines[i], width, synopsis));
            if (i < lines.length - 1) {
                out.append(separator);
            }
        }
        return out.toString();
    }

    private static String wrapLine(String line, int width, boolean synopsis) {
        if (line.length() <= width) {
            return line;
        }
        int start;
        int hanging;
        Matcher head = SYNOPSIS_HEAD.matcher(line);
        Matcher columns = TWO_COLUMNS.matcher(line);
        if (synopsis && head.find()) {
            start = head.end();
            hanging = start;
        } else if (columns.find() && columns.end(1) < width / 2) {
            start = columns.end(1);
            hanging = start + 2;
        } else {
            start = line.length() - line.stripLeading().length();
            hanging = start;
        }
        StringBuilder out = new StringBuilder();
        StringBuilder current = new StringBuilder(line.substring(0, start));
        boolean empty = true;
        for (String word : line.substring(start).split(" +")) {
            if (word.isEmpty()) {
                continue;
            }
            if (!empty && current.length() + 1 + word.length() > width) {
                out.append(current.toString().stripTrailing()).append(System.lineSeparator());
                current = new StringBuilder(" ".repeat(hanging));
                empty = true;
            }
            if (!empty) {
                current.append(' ');
            }
            current.append(word);
            empty = false;
        }
        return out.append(current.toString().stripTrailing()).toString();
    }
}
