package io.omnivox.voice;

import io.omnivox.account.AccountPrincipal;
import io.omnivox.model.EngineUnavailableException;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.buffer.Buffer;

/**
 * {@code /ws/voice}: a voice conversation per connection (protocol in {@code docs/voice-protocol.md}). The upgrade
 * needs an API key ({@code Authorization: Bearer}, or the {@code omnivox-key.<key>} subprotocol from browsers).
 */
@Authenticated
@WebSocket(path = "/ws/voice")
public class VoiceSocket {

    /** Close code when the server runs as many sessions as it may (RFC 6455: try again later). */
    static final int TRY_AGAIN_LATER = 1013;
    /** Close code when an engine the session needs is missing. */
    static final int UNAVAILABLE = 1011;

    private final VoiceSessions sessions;
    private final SecurityIdentity identity;

    public VoiceSocket(VoiceSessions sessions, SecurityIdentity identity) {
        this.sessions = sessions;
        this.identity = identity;
    }

    @OnOpen
    public void open(WebSocketConnection connection) {
        AccountPrincipal account = AccountPrincipal.of(identity).orElseThrow();
        Outbound out = new ConnectionOutbound(connection);
        try {
            if (sessions.open(connection.id(), account.userId(), out).isEmpty()) {
                connection.close(new CloseReason(TRY_AGAIN_LATER, "Too many voice sessions; try again later"))
                        .subscribe().with(x -> {
                        }, e -> {
                        });
            }
        } catch (EngineUnavailableException e) {
            out.send(ServerEvent.Error.of("engine_unavailable", e.getMessage(), null));
            out.close(UNAVAILABLE, "A speech engine is not available");
        }
    }

    @OnTextMessage
    public void text(String message, WebSocketConnection connection) {
        sessions.find(connection.id()).ifPresent(s -> s.event(message));
    }

    @OnBinaryMessage
    public void binary(Buffer message, WebSocketConnection connection) {
        sessions.find(connection.id()).ifPresent(s -> s.audio(message.getBytes()));
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        sessions.close(connection.id());
    }

    /**
     * Sends on the connection in order, each frame written before the next (the session's thread is virtual, so
     * waiting is cheap, and a slow client slows its own session rather than piling up frames in memory).
     */
    private record ConnectionOutbound(WebSocketConnection connection) implements Outbound {
        @Override
        public void send(ServerEvent event) {
            if (connection.isOpen()) {
                connection.sendTextAndAwait(VoiceProtocol.write(event));
            }
        }

        @Override
        public void sendBinary(byte[] frame) {
            if (connection.isOpen()) {
                connection.sendBinaryAndAwait(Buffer.buffer(frame));
            }
        }

        @Override
        public void close(int code, String reason) {
            connection.close(new CloseReason(code, reason)).subscribe().with(x -> {
            }, e -> {
            });
        }
    }
}
