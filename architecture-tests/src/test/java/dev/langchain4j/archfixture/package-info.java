/** A stand-in in LangChain4j's package namespace, for the rule that keeps the benchmarks' peer in the benchmarks. */
package dev.langchain4j.archfixture;
