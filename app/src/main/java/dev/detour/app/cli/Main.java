package dev.detour.app.cli;

import java.io.PrintWriter;
import java.util.Set;
import picocli.CommandLine;

/** The entry point of the {@code detour} executable jar. */
public final class Main {

    /** Answered without building the commands, so the version costs no more than starting the JVM. */
    private static final Set<String> VERSION_FLAGS = Set.of("--version", "-V");

    private Main() {}

    public static void main(String[] args) {
        Logging.configure(java.util.List.of(args));
        CliContext context = CliContext.system();
        System.setOut(context.out());
        System.setErr(context.err());
        int code = run(context, args);
        context.out().flush();
        context.err().flush();
        if (!Interruption.shuttingDown()) {
            System.exit(code);
        }
    }

    static int run(CliContext context, String... args) {
        if (args.length == 1 && VERSION_FLAGS.contains(args[0])) {
            for (String line : new BuildInfo().getVersion()) {
                context.out().println(line);
            }
            context.out().flush();
            return ExitCodes.OK;
        }
        CommandLine commandLine = commandLine(context);
        try {
            return commandLine.execute(args);
        } finally {
            context.out().flush();
            context.err().flush();
        }
    }

    /** Every command, with the shared help layout, error handling and case-insensitive values. */
    static CommandLine commandLine(CliContext context) {
        CommandLine commandLine = new CommandLine(new DetourCommand())
                .addSubcommand(new CommandLine.HelpCommand())
                .addSubcommand(new RunCommand(context))
                .addSubcommand(new DoctorCommand(context))
                .addSubcommand(new ModelsCommand(context))
                .addSubcommand(new ConfigCommand(context))
                .addSubcommand(new DemoCommand(context))
                .addSubcommand(new ResumeCommand(context))
                .addSubcommand(new RunsCommand(context))
                .addSubcommand(new ShowCommand(context))
                .addSubcommand(new CompletionCommand(context))
                .addSubcommand(new ServeCommand(context))
                .addSubcommand(new WorkerCommand(context));
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
}
