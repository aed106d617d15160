package dev.detour.app.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code detour completion bash|zsh}: prints a shell completion script for every command and option. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Print a completion script for bash or zsh, to load in the shell's startup file.",
        footerHeading = "%nExample:%n", footer = "  source <(detour completion bash)     # in ~/.bashrc (zsh: ~/.zshrc)")
final class CompletionCommand implements Callable<Integer> {

    /** The shells picocli's script supports (zsh through bashcompinit, which the script loads itself). */
    enum Shell { bash, zsh }

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SHELL", description = "The shell: ${COMPLETION-CANDIDATES}.")
    Shell shell;

    CompletionCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        context.out().print(AutoComplete.bash(spec.root().name(), spec.root().commandLine()));
        context.out().flush();
        return ExitCodes.OK;
    }
}
