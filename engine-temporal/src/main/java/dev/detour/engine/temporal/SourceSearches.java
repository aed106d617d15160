package dev.detour.engine.temporal;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The other activity of a Detour run: one search of one evidence source through the worker's sources. */
@ActivityInterface
public interface SourceSearches {

    /** The activity type's name in histories and on task queues. */
    String TYPE = "DetourSearch";

    /** Searches as the call asks; a source that failed is a result, never an activity failure. */
    @ActivityMethod(name = TYPE)
    SearchResult search(SearchCall call);
}
