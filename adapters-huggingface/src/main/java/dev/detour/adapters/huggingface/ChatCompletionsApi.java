package dev.detour.adapters.huggingface;

import okhttp3.HttpUrl;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.Header;
import retrofit2.http.POST;
import retrofit2.http.Streaming;
import retrofit2.http.Url;

/**
 * The router's chat-completion endpoint, whose requests the {@link dev.detour.transport.HttpTransport}
 * sends; the URL comes from an {@link Endpoint}, as routes differ per provider.
 */
interface ChatCompletionsApi {

    @Streaming
    @POST
    Call<ResponseBody> create(@Url HttpUrl url, @Header("Accept") String accept, @Body ChatCompletionRequest body);
}
