package dev.detour.adapters.openai;

import dev.detour.core.model.ChatResponse;
import dev.detour.core.model.ErrorKind;
import dev.detour.core.model.ModelCallException;
import dev.detour.core.model.StreamListener;
import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.Callback;
import retrofit2.Response;

/**
 * Runs one HTTP call on the client's threads while the calling thread waits for what it produces, so
 * that interrupting the caller cancels the call at once, even in the middle of a blocking read. Text
 * deltas travel back through a queue and reach the stream listener on the calling thread, in order.
 */
final class Exchange {

    /** What the HTTP thread tells the waiting caller. */
    private sealed interface Signal {
        record Text(String delta) implements Signal {}

        record Answer(ChatResponse response) implements Signal {}

        record Failure(Throwable error) implements Signal {}
    }

    /** Produces the answer from a response; runs on the HTTP thread and may hand deltas on. */
    @FunctionalInterface
    interface Handler {
        ChatResponse handle(Response<ResponseBody> response, Consumer<String> deltas);
    }

    private final Failures failures;

    Exchange(Failures failures) {
        this.failures = failures;
    }

    /**
     * Sends {@code call} and returns the answer {@code handler} made of its response.
     *
     * @throws CancellationException if the calling thread is interrupted; its interrupt flag stays set
     */
    ChatResponse run(Call<ResponseBody> call, Handler handler, StreamListener listener) {
        BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
        call.enqueue(new Callback<>() {
            @Override
            public void onResponse(Call<ResponseBody> sent, Response<ResponseBody> response) {
                try {
                    signals.add(new Signal.Answer(handler.handle(response, delta -> signals.add(new Signal.Text(delta)))));
                } catch (RuntimeException | Error e) {
                    signals.add(new Signal.Failure(e));
                } finally {
                    if (response.body() != null) {
                        response.body().close();
                    }
                }
            }

            @Override
            public void onFailure(Call<ResponseBody> sent, Throwable failure) {
                signals.add(new Signal.Failure(failure instanceof IOException io
                        ? failures.fromTransport(io, null, null)
                        : failure));
            }
        });
        boolean settled = false;
        try {
            while (true) {
                switch (signals.take()) {
                    case Signal.Text text -> listener.onText(text.delta());
                    case Signal.Answer answer -> {
                        settled = true;
                        return answer.response();
                    }
                    case Signal.Failure failure -> {
                        settled = true;
                        throw rethrowable(failure.error());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("the call to " + failures.model()
                    + " was cancelled because the calling thread was interrupted");
        } finally {
            if (!settled) {
                call.cancel();
            }
        }
    }

    private RuntimeException rethrowable(Throwable error) {
        if (error instanceof ModelCallException || error instanceof TokenFieldRejected) {
            return (RuntimeException) error;
        }
        if (error instanceof Error fatal) {
            throw fatal;
        }
        return ModelCallException.builder(ErrorKind.MALFORMED_RESPONSE, failures.model())
                .detail("the answer could not be read: " + error)
                .cause(error)
                .build();
    }
}
