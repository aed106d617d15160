package dev.detour.simulator.archfixture;

/** Breaks "the simulator depends only on core, Jackson and the JDK's HTTP server". */
public final class SimulatorUsingOkHttp {
    Object client() {
        return new okhttp3.OkHttpClient();
    }
}
