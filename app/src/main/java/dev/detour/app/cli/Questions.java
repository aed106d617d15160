package dev.detour.app.cli;

/** Checks the question a command was given before any model is called. */
final class Questions {

    private Questions() {}

    /**
     * The question, stripped.
     *
     * @throws UsageProblem if it is blank, or arrived with characters the JVM could not decode (a locale
     *     that is not UTF-8, such as {@code LANG=C}, turns them into U+FFFD before Detour sees them)
     */
    static String checked(String command, String question) {
        if (question == null || question.isBlank()) {
            throw new UsageProblem("detour " + command + ": give the question to research, such as: detour " + command
                    + " \"Why do tides happen twice a day?\"");
        }
        if (question.indexOf('\uFFFD') >= 0) {
            throw new UsageProblem("detour " + command + ": the question arrived with characters that could not be read,"
                    + " because the locale is not UTF-8 (LANG or LC_ALL is C or unset); run it with LC_ALL=C.UTF-8,"
                    + " or through ./detour, which does that");
        }
        return question.strip();
    }
}
