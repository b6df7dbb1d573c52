package io.wschannels.cdi.runtime;

import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/** {@link MessageValidation} by a Bean Validation provider; loaded only when the API is present. */
final class BeanValidation implements MessageValidation {

    private static final Logger LOG = Logger.getLogger(MessageValidation.class.getName());
    private final Validator validator;

    private BeanValidation(Validator validator) {
        this.validator = validator;
    }

    static MessageValidation create(BeanManager beanManager) {
        Set<Bean<?>> beans = beanManager == null ? Set.of() : beanManager.getBeans(Validator.class);
        if (!beans.isEmpty()) {
            Bean<?> bean = beanManager.resolve(beans);
            return new BeanValidation((Validator)
                    beanManager.getReference(bean, Validator.class, beanManager.createCreationalContext(bean)));
        }
        try {
            return new BeanValidation(Validation.buildDefaultValidatorFactory().getValidator());
        } catch (RuntimeException e) {
            LOG.log(
                    Level.INFO,
                    "No Jakarta Bean Validation provider could be started (" + e.getMessage() + "):"
                            + " messages of @Handle methods are decoded but not validated. Add one, such as"
                            + " org.hibernate.validator:hibernate-validator with org.glassfish.expressly:expressly.",
                    e);
            return NONE;
        }
    }

    @Override
    public String violations(Object value) {
        Set<ConstraintViolation<Object>> violations = validator.validate(value);
        if (violations.isEmpty()) {
            return null;
        }
        return violations.stream()
                .map(v -> (v.getPropertyPath().toString().isEmpty() ? "" : v.getPropertyPath() + " ") + v.getMessage())
                .sorted(Comparator.naturalOrder())
                .collect(Collectors.joining(", "));
    }
}
