package app.hearth.localstack;

/** One piece of the stack: started in order, stopped in reverse order. */
interface Component {
    String name();

    /** Starts and returns once the component is ready to serve. */
    void start(Progress progress) throws Exception;

    void stop();
}
