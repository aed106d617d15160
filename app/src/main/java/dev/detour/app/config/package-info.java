/**
 * Detour's configuration: the YAML contract (providers, chain, resilience, workflow), where it is read
 * from, its built-in defaults, and validation that reports every problem by its key path. Start at
 * {@link dev.detour.app.config.ConfigLoader}.
 */
package dev.detour.app.config;
