package io.wschannels.cdi.runtime;

import jakarta.enterprise.inject.spi.BeanManager;
import java.util.logging.Logger;

/**
 * Jakarta Bean Validation of decoded messages, when the application has it: the server's
 * {@code Validator} bean, else the default provider on the classpath, else none (then messages are
 * not validated, and the log says so once).
 */
public interface MessageValidation {

    /** No provider: everything is valid. */
    MessageValidation NONE = value -> null;

    /**
     * @param value a decoded message
     * @return {@code null} when valid, else what is wrong: {@code "message size must be between 0
     *     and 200"}, several joined with {@code ", "}, in property order
     */
    String violations(Object value);

    /**
     * @param beanManager the application's, or {@code null}
     * @return the application's validation, or {@link #NONE}
     */
    static MessageValidation create(BeanManager beanManager) {
        try {
            // By name: this interface must load where Bean Validation is absent.
            Class.forName("jakarta.validation.Validator", false, MessageValidation.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError absent) {
            Logger.getLogger(MessageValidation.class.getName())
                    .info("Jakarta Bean Validation is not on the classpath:"
                            + " messages of @Handle methods are decoded but not validated");
            return NONE;
        }
        return BeanValidation.create(beanManager);
    }
}
