/**
 * The one HTTP exchange every HTTP adapter uses, written once on OkHttp: an {@link
 * dev.detour.transport.HttpTransport} per provider (connection pools sharded by 128 calls in flight,
 * each call run on the calling virtual thread), a {@link dev.detour.transport.Credential} sent only
 * to the provider's own origin and never on a redirect, the same response size cap everywhere, the
 * caller's deadline bounding the whole call (its wait for a free slot included), no silent resend, Server-Sent Events read with
 * {@link dev.detour.core.wire.SseReader}, and every transport failure mapped to its
 * {@link dev.detour.core.model.ErrorKind}.
 *
 * <p>This is adapter SPI: an adapter describes its request (with Retrofit or OkHttp), reads the
 * response through a {@link dev.detour.transport.ResponseReader} and keeps its own wire format and error
 * classification, refining the default status table of {@link dev.detour.transport.HttpStatuses}.
 */
package dev.detour.transport;
