/**
 * Detour's pure domain, written against the JDK alone: the {@link dev.detour.core.model.ModelPort}
 * through which workflows call chat models, the error taxonomy every adapter maps failures to, and the
 * workflow engine that runs multi-step research workflows.
 */
package dev.detour.core;
