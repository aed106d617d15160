/**
 * OpenTelemetry traces and metrics of runs, steps, chain calls and attempts, following the GenAI semantic
 * conventions; off, and free, unless configured.
 */
package dev.detour.app.telemetry;
