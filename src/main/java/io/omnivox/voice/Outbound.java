package io.omnivox.voice;

/** Where a session's events and reply audio go (the WebSocket connection, or a test's recorder). */
public interface Outbound {

    void send(ServerEvent event);

    /** A binary frame (reply audio with the binary transport). */
    void sendBinary(byte[] frame);

    /** Closes the connection with a WebSocket close code and reason. */
    void close(int code, String reason);
}
