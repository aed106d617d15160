package dev.detour.app.archfixture;

import retrofit2.Retrofit;

/** Breaks "Retrofit and OkHttp in adapters and transport only": the app building an HTTP client itself. */
public class AppUsingRetrofit {

    public Retrofit client() {
        return new Retrofit.Builder().baseUrl("http://localhost/").build();
    }
}
