package io.wschannels.cdi.runtime;

import io.wschannels.Channel;
import io.wschannels.cdi.connection.LiveConnection;
import io.wschannels.cdi.discovery.Handlers;
import io.wschannels.cdi.json.Envelopes;
import io.wschannels.cdi.json.JsonCodec;
import io.wschannels.cdi.tracing.Traced;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * The typed messages of one channel: each parsed, matched by its {@code type} to a {@code @Handle}
 * method, decoded into the method's parameter, validated, and the method called; its return value,
 * or the value of the stage it returns, answers the request's {@code ref}. Whatever goes wrong
 * answers with the error envelope, with the {@code ref} once it is known.
 */
final class TypedDispatch {

    private final Handlers handlers;
    private final JsonCodec json;
    private final MessageValidation validation;
    private final Failures failures;

    TypedDispatch(Handlers handlers, JsonCodec json, MessageValidation validation, Failures failures) {
        this.handlers = handlers;
        this.json = json;
        this.validation = validation;
        this.failures = failures;
    }

    void dispatch(Channel channel, LiveConnection connection, String message, Traced span) {
        JsonObject object = parseObject(message);
        if (object == null) {
            traced(span, null, "invalid_json");
            connection.send(Envelopes.error("Invalid JSON format", "invalid_json", null));
            return;
        }
        JsonValue refValue = object.get("ref");
        String ref = refValue instanceof JsonString || refValue instanceof JsonNumber ? refValue.toString() : null;
        String type = object.get("type") instanceof JsonString t ? t.getString() : null;
        Handlers.Handler handler = type == null ? null : handlers.get(type);
        if (handler == null) {
            traced(span, null, "unknown_type");
            String named = type == null ? "(none: the message has no \"type\")" : type;
            connection.send(Envelopes.error("Unknown message type: " + named, "unknown_type", ref));
            return;
        }
        traced(span, type, null);
        Object[] arguments = {};
        if (handler.parameter() != null) {
            Object decoded = decode(connection, message, handler, ref);
            if (decoded == null) {
                traced(span, null, "invalid_message");
                return;
            }
            arguments = new Object[] {decoded};
        }
        String callback = handler.method().getName() + " (@Handle(\"" + type + "\"))";
        Object result;
        try {
            result = handler.method().invoke(channel, arguments);
        } catch (InvocationTargetException e) {
            Traced.failed(span, e.getCause());
            failures.answer(connection, callback, e.getCause(), ref);
            return;
        } catch (IllegalAccessException e) {
            failures.answer(connection, callback, e, ref);
            return;
        }
        answer(connection, callback, result, ref);
    }

    private static void traced(Traced span, String type, String outcome) {
        if (span == null) {
            return;
        }
        if (type != null) {
            span.type(type);
        }
        if (outcome != null) {
            span.outcome(outcome);
        }
    }

    private JsonObject parseObject(String message) {
        try {
            return json.parse(message) instanceof JsonObject o ? o : null;
        } catch (JsonException | IllegalStateException notJson) {
            return null;
        }
    }

    /** @return the decoded and valid message, or {@code null} when the client has been told what is wrong */
    private Object decode(LiveConnection connection, String message, Handlers.Handler handler, String ref) {
        Object decoded;
        try {
            decoded = json.fromJson(message, handler.parameter());
        } catch (RuntimeException e) {
            connection.send(Envelopes.error("Invalid message format: " + JsonCodec.describe(e), "invalid_format", ref));
            return null;
        }
        if (decoded == null) {
            connection.send(Envelopes.error("Invalid message format: the message is empty", "invalid_format", ref));
            return null;
        }
        String violations = validation.violations(decoded);
        if (violations != null) {
            connection.send(Envelopes.error("Validation failed: " + violations, "validation_failed", ref));
            return null;
        }
        return decoded;
    }

    /** A value answers now; a stage answers when it completes, from whichever thread completes it. */
    private void answer(LiveConnection connection, String callback, Object result, String ref) {
        if (result instanceof CompletionStage<?> later) {
            later.whenComplete((value, failure) -> {
                if (failure != null) {
                    failures.answer(connection, callback, unwrap(failure), ref);
                } else if (value != null) {
                    reply(connection, callback, value, ref);
                }
            });
        } else if (result != null) {
            reply(connection, callback, result, ref);
        }
    }

    private void reply(LiveConnection connection, String callback, Object value, String ref) {
        String text;
        try {
            text = Envelopes.reply(ref, json.toJson(value));
        } catch (RuntimeException e) {
            failures.answer(connection, callback, Envelopes.notSerializable(value, connection, e), ref);
            return;
        }
        connection.send(text);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
