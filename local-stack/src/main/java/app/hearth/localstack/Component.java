package app.hearth.localstack;

import java.util.Map;

/** One piece of the stack: started in order, stopped in reverse order. */
interface Component {
    String name();

    /** Starts and returns once the component is ready to serve. */
    void start(Progress progress) throws Exception;

    void stop();

    /**
     * The operating-system processes this component runs, each with the signal that stops it gracefully, for the
     * watchdog that stops them if the launcher itself is killed (see {@link LocalStack}).
     */
    default Map<Long, String> processes() {
        return Map.of();
    }
}
