/** Research on Temporal through the app's wiring: the resilience chain on the worker, against the provider simulator. */
package dev.detour.app.temporal;
