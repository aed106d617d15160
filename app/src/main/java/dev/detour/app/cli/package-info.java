/**
 * The {@code detour} command: {@code run} researches a question, {@code doctor} probes every model of
 * the chain, {@code models} shows the resolved chain, {@code config} the effective configuration,
 * {@code demo} runs against the built-in provider simulator, {@code completion} prints a shell completion
 * script and {@code help} the help of any command. Exit codes: 0 success, 1 the run failed, 2 usage or
 * configuration error, 130 interrupted, 141 the reader of standard output closed it early.
 */
package dev.detour.app.cli;
