/**
 * Small, JDK-only readers of HTTP conventions that every provider adapter meets: Server-Sent Events
 * streams ({@link dev.detour.core.wire.SseReader}), the headers that say how long to wait before the
 * next request ({@link dev.detour.core.wire.RetryWait}), and which hosts are loopback
 * ({@link dev.detour.core.wire.LoopbackHosts}). They live in core so that adapters, which must
 * not depend on each other, do not each write their own.
 */
package dev.detour.core.wire;
