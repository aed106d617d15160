/**
 * Detour as a program and as a library: {@link dev.detour.app.DetourModule} wires the configured
 * providers, the resilience chain and the research workflow for an embedding backend; the {@code cli}
 * package is the {@code detour} command.
 */
package dev.detour.app;
