/**
 * {@code detour serve}: the HTTP API under {@code /v1} (runs, their events as Server-Sent Events,
 * models with their circuit breakers, doctor), the health endpoints and the web page, on the same
 * Guice graph as the CLI.
 */
package dev.detour.app.server;
