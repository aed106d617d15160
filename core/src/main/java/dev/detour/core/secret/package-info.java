/**
 * Keeping provider credentials out of everything a person or a log can read.
 *
 * <p>{@link dev.detour.core.secret.Secret} holds a key without ever printing it, and
 * {@link dev.detour.core.secret.Redaction} scrubs key-shaped text out of provider messages before they
 * reach an exception, an event or a report.
 */
package dev.detour.core.secret;
