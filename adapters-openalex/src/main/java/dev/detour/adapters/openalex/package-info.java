/**
 * The {@link dev.detour.core.evidence.EvidenceSource} for OpenAlex, through its {@code works} search as JSON
 * with the key in the {@code api_key} parameter.
 *
 * <p>The public surface is {@link dev.detour.adapters.openalex.OpenAlexSourceType}, the {@code openalex} type
 * the app finds through {@code META-INF/services}. The HTTP exchange is
 * {@link dev.detour.transport.HttpTransport}'s; this package keeps the wire format and the error classification.
 */
package dev.detour.adapters.openalex;
