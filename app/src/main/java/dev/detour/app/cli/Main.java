package dev.detour.app.cli;

import picocli.CommandLine;

/** The entry point of the {@code detour} executable jar. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        int code = run(CliContext.system(), args);
        if (!Interruption.shuttingDown()) {
            System.exit(code);
        }
    }

    static int run(CliContext context, String... args) {
        CommandLine commandLine = new CommandLine(new DetourCommand())
                .addSubcommand(new RunCommand(context))
                .addSubcommand(new DoctorCommand(context))
                .addSubcommand(new ModelsCommand(context))
                .addSubcommand(new DemoCommand(context))
                .addSubcommand(new ResumeCommand(context))
                .addSubcommand(new RunsCommand(context))
                .addSubcommand(new ShowCommand(context))
                .addSubcommand(new ServeCommand(context));
        commandLine.setOut(new java.io.PrintWriter(context.out(), true));
        commandLine.setErr(new java.io.PrintWriter(context.err(), true));
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            if (exception instanceof UsageProblem problem) {
                problem.lines().forEach(context.err()::println);
                return ExitCodes.USAGE;
            }
            throw exception;
        });
        return commandLine.execute(args);
    }
}
