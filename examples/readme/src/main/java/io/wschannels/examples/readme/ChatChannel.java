package io.wschannels.examples.readme;

// tag::channel[]
import io.wschannels.Channel;
import io.wschannels.ChannelException;
import io.wschannels.Registry;
import io.wschannels.Route;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;

@Route("/chat/{room_id}") // or Azu's form: "/chat/:room_id"
public class ChatChannel extends Channel {

    @Inject
    Registry<ChatChannel> chat; // rooms and users of this channel, injectable anywhere

    @Override
    public void onConnect() {
        String room = param("room_id"); // path parameter, else query parameter
        if (room.length() > 40) {
            throw new ChannelException("Room name too long"); // refused: 1008 and the reason as JSON
        }
        send("Welcome to room " + room);
        chat.join(room, connection());
    }

    @Override
    public void onMessage(String message) {
        if (message.length() > 1000) {
            sendError("Message too long"); // {"type":"error","message":"Message too long","timestamp":"…"}
            return;
        }
        chat.room(param("room_id")).broadcast(message);
    }

    @Override
    public void onClose(CloseReason.CloseCode code, String reason) {
        // nothing to clean up: the connection has already left its rooms
    }
}
// end::channel[]
