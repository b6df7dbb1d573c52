package io.wschannels.cdi;

import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import java.util.Comparator;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Jakarta Bean Validation of decoded messages, when the application has it: the server's
 * {@code Validator} bean, else the default provider on the classpath, else none (then messages are
 * not validated, and the log says so once).
 */
interface MessageValidation {

    /** No provider: everything is valid. */
    MessageValidation NONE = value -> null;

    /**
     * @return {@code null} when valid, else what is wrong: {@code "message size must be between 0
     *         and 200"}, several joined with {@code ", "}, in property order
     */
    String violations(Object value);

    static MessageValidation create(BeanManager beanManager) {
        try {
            Class.forName("jakarta.validation.Validator", false, MessageValidation.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError absent) {
            Logger.getLogger(MessageValidation.class.getName()).info("Jakarta Bean Validation is not on the classpath:"
                    + " messages of @Handle methods are decoded but not validated");
            return NONE;
        }
        return BeanValidation.create(beanManager);
    }

    /** Loaded only when the Bean Validation API is present. */
    final class BeanValidation implements MessageValidation {

        private static final Logger LOG = Logger.getLogger(MessageValidation.class.getName());
        private final jakarta.validation.Validator validator;

        private BeanValidation(jakarta.validation.Validator validator) {
            this.validator = validator;
        }

        static MessageValidation create(BeanManager beanManager) {
            Set<Bean<?>> beans = beanManager == null ? Set.of() : beanManager.getBeans(jakarta.validation.Validator.class);
            if (!beans.isEmpty()) {
                Bean<?> bean = beanManager.resolve(beans);
                return new BeanValidation((jakarta.validation.Validator) beanManager.getReference(bean,
                        jakarta.validation.Validator.class, beanManager.createCreationalContext(bean)));
            }
            try {
                return new BeanValidation(jakarta.validation.Validation.buildDefaultValidatorFactory().getValidator());
            } catch (RuntimeException e) {
                LOG.log(Level.INFO, "No Jakarta Bean Validation provider could be started (" + e.getMessage() + "):"
                        + " messages of @Handle methods are decoded but not validated. Add one, such as"
                        + " org.hibernate.validator:hibernate-validator with org.glassfish.expressly:expressly.", e);
                return NONE;
            }
        }

        @Override
        public String violations(Object value) {
            Set<jakarta.validation.ConstraintViolation<Object>> violations = validator.validate(value);
            if (violations.isEmpty()) {
                return null;
            }
            return violations.stream()
                    .map(v -> (v.getPropertyPath().toString().isEmpty() ? "" : v.getPropertyPath() + " ") + v.getMessage())
                    .sorted(Comparator.naturalOrder())
                    .collect(Collectors.joining(", "));
        }
    }
}
