package dev.detour.app.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;

/** The entry point of the {@code detour} executable jar. */
public final class Main {

    /** Answered without building the commands, so the version costs no more than starting the JVM. */
    private static final Set<String> VERSION_FLAGS = Set.of("--version", "-V");

    /** The commands below {@code detour}, in the order its help lists them. */
    static final List<String> SUBCOMMANDS = List.of("help", "run", "doctor", "models", "config", "demo", "resume", "runs",
            "show", "completion", "serve", "worker");

    /** The commands that read the whole command tree: the help of any command, and the completion scripts. */
    private static final Set<String> NEEDS_EVERY_COMMAND = Set.of("help", "completion");

    private Main() {}

    public static void main(String[] args) {
        Logging.configure(List.of(args));
        CliContext context = CliContext.system();
        System.setOut(context.out());
        System.setErr(context.err());
        int code = run(context, args);
        context.out().flush();
        context.err().flush();
        Interruption.commandEnded();
        if (!Interruption.shuttingDown()) {
            System.exit(code);
        }
    }

    /**
     * Runs the command {@code args} names. One that succeeded but whose standard output could not all be written
     * (closed, or a full disk) fails with exit code 1 and says so, since what it printed is incomplete; one whose
     * reader closed the pipe early stops quietly with 141, as a tool that SIGPIPE ended.
     */
    static int run(CliContext context, String... args) {
        int code;
        try {
            code = args.length == 1 && VERSION_FLAGS.contains(args[0]) ? version(context)
                    : commandLine(context, args).execute(args);
        } finally {
            context.out().flush();
            context.err().flush();
        }
        if (code == ExitCodes.OK && StandardOutput.readerGone(context.out())) {
            return ExitCodes.READER_GONE;
        }
        if (code == ExitCodes.OK && context.out().checkError()) {
            context.err().println("detour: could not write to standard output (it is closed, or its disk is full);"
                    + " what it shows is incomplete");
            context.err().flush();
            return ExitCodes.RUN_FAILED;
        }
        return code;
    }

    private static int version(CliContext context) {
        for (String line : new BuildInfo().getVersion()) {
            context.out().println(line);
        }
        return ExitCodes.OK;
    }

    /**
     * The commands {@code args} can reach, with the shared help layout, error handling and case-insensitive values:
     * only the command it names first when that is all it needs, since picocli builds each command's model by
     * reflection as it is added (and its classes, Java 5 bytecode, never enter the start-up cache); every command
     * for {@code help}, {@code completion} and anything else.
     */
    static CommandLine commandLine(CliContext context, String... args) {
        boolean alone = args.length > 0 && SUBCOMMANDS.contains(args[0]) && !NEEDS_EVERY_COMMAND.contains(args[0]);
        return commandLine(context, alone ? List.of(args[0]) : SUBCOMMANDS);
    }

    private static CommandLine commandLine(CliContext context, List<String> subcommands) {
        CommandLine commandLine = new CommandLine(new DetourCommand());
        subcommands.forEach(name -> commandLine.addSubcommand(name, subcommand(name, context)));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setOut(new PrintWriter(context.out(), true));
        commandLine.setErr(new PrintWriter(context.err(), true));
        commandLine.setParameterExceptionHandler(new ParameterProblems());
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            if (exception instanceof UsageProblem problem) {
                problem.lines().forEach(context.err()::println);
                return ExitCodes.USAGE;
            }
            if (exception instanceof OutputProblem problem) {
                problem.lines().forEach(context.err()::println);
                return ExitCodes.RUN_FAILED;
            }
            throw exception;
        });
        HelpLayout.apply(commandLine, context.columns());
        return commandLine;
    }

    private static Object subcommand(String name, CliContext context) {
        return switch (name) {
            case "help" -> new CommandLine.HelpCommand();
            case "run" -> new RunCommand(context);
            case "doctor" -> new DoctorCommand(context);
            case "models" -> new ModelsCommand(context);
            case "config" -> new ConfigCommand(context);
            case "demo" -> new DemoCommand(context);
            case "resume" -> new ResumeCommand(context);
            case "runs" -> new RunsCommand(context);
            case "show" -> new ShowCommand(context);
            case "completion" -> new CompletionCommand(context);
            case "serve" -> new ServeCommand(context);
            case "worker" -> new WorkerCommand(context);
            default -> throw new IllegalArgumentException("no command " + name);
        };
    }
}
