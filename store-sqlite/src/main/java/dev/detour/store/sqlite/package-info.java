/**
 * The embedded run store: {@link dev.detour.store.sqlite.SqliteRunStore} keeps every run, step and event
 * of a {@link dev.detour.core.workflow.WorkflowEngine} in one SQLite file (WAL mode), which several
 * Detour processes can share.
 */
package dev.detour.store.sqlite;
