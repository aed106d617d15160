/** What model calls cost in money: prices per model, exact amounts, and what is unknown because a model has no price. */
package dev.detour.core.cost;
