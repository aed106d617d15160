/**
 * The run store as the configuration describes it: {@link dev.detour.app.store.RunStores} opens it, and
 * {@link dev.detour.app.store.JsonValueCodec} writes the values it keeps as JSON.
 */
package dev.detour.app.store;
