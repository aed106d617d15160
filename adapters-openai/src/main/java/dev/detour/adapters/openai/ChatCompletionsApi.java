package dev.detour.adapters.openai;

import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.POST;
import retrofit2.http.Streaming;

/**
 * The one endpoint Detour calls. The body is returned raw and unbuffered so that the adapter reads it
 * under the size cap, as a stream when it is one.
 */
interface ChatCompletionsApi {

    @Streaming
    @POST("chat/completions")
    Call<ResponseBody> create(@Body ChatCompletionRequest request);
}
