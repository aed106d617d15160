/**
 * Helpers shared by Detour's own modules that are not part of its API: argument checks, duration
 * rendering, cleaning outside text and reading citations. Embedders and third-party adapters must not use them; they change without notice, and
 * the architecture tests keep them out of every public signature.
 */
package dev.detour.core.internal;
