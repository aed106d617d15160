package dev.detour.app.cli;

import java.io.PrintWriter;
import dev.detour.core.internal.Suggestions;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Answers a command line picocli cannot parse with one or two lines that say what to do, instead of the
 * whole usage: a question given as several words is told to be quoted; anything else names the problem,
 * the command or option it most likely meant and where the help is. Exit code 2.
 */
final class ParameterProblems implements IParameterExceptionHandler {

    /** The commands whose one positional parameter is a question. */
    private static final List<String> QUESTION_COMMANDS = List.of("run", "demo");

    @Override
    public int handleParseException(ParameterException exception, String[] args) {
        CommandLine command = exception.getCommandLine();
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName();
        if (exception instanceof UnmatchedArgumentException unmatched && splitQuestion(command, unmatched)) {
            String words = String.join(" ", questionWords(command, unmatched));
            err.println(name + ": the question arrived as several arguments; quote the question, such as: "
                    + name + " \"" + words + "\"");
            err.flush();
            return ExitCodes.USAGE;
        }
        err.println(name + ": " + exception.getMessage());
        if (exception instanceof UnmatchedArgumentException unmatched) {
            suggestion(command, unmatched).ifPresent(meant -> err.println("Did you mean: " + meant + "?"));
        }
        err.println("See '" + helpCommand(command) + "' for the options and an example.");
        err.flush();
        return ExitCodes.USAGE;
    }

    /** The command or option the first unmatched word is most likely a typo of, as the person would write it. */
    private static Optional<String> suggestion(CommandLine command, UnmatchedArgumentException unmatched) {
        if (unmatched.getUnmatched().isEmpty()) {
            return Optional.empty();
        }
        String word = unmatched.getUnmatched().getFirst();
        CommandSpec spec = command.getCommandSpec();
        if (word.startsWith("-")) {
            List<String> options = spec.options().stream().filter(option -> !option.hidden())
                    .flatMap(option -> Arrays.stream(option.names())).toList();
            return Suggestions.nearest(word.split("=", 2)[0], options);
        }
        return Suggestions.nearest(word, spec.subcommands().keySet())
                .map(meant -> spec.qualifiedName() + " " + meant);
    }

    private static boolean splitQuestion(CommandLine command, UnmatchedArgumentException unmatched) {
        return QUESTION_COMMANDS.contains(command.getCommandName())
                && !unmatched.getUnmatched().isEmpty()
                && unmatched.getUnmatched().stream().noneMatch(word -> word.startsWith("-"));
    }

    private static List<String> questionWords(CommandLine command, UnmatchedArgumentException unmatched) {
        CommandLine.ParseResult parsed = command.getParseResult();
        String first = parsed == null ? null : parsed.matchedPositionalValue(0, (String) null);
        return first == null
                ? unmatched.getUnmatched()
                : java.util.stream.Stream.concat(java.util.stream.Stream.of(first), unmatched.getUnmatched().stream())
                        .toList();
    }

    private static String helpCommand(CommandLine command) {
        CommandSpec spec = command.getCommandSpec();
        return spec.parent() == null ? spec.name() + " --help" : spec.root().name() + " help "
                + spec.qualifiedName().substring(spec.root().name().length()).strip();
    }
}
