package io.wschannels.cdi.health;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.PassivationCapable;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The channels' {@link ReadinessReport} as MicroProfile Health readiness checks,
 * one per check name, for servers that have MicroProfile Health (Payara; WildFly with its
 * microprofile-health subsystem). Added as synthetic {@code @Readiness HealthCheck} beans, which
 * both servers collect like the application's own: Payara from the {@code ProcessBean} event every
 * bean fires, SmallRye Health from {@code @Readiness Instance<HealthCheck>}. Loaded only when the
 * application sees MicroProfile Health.
 */
public final class ReadinessChecks {

    private static final Logger LOG = Logger.getLogger(ReadinessChecks.class.getName());

    private static final String HEALTH_CHECK = "org.eclipse.microprofile.health.HealthCheck";

    private ReadinessChecks() {}

    /**
     * Adds the checks when the application sees MicroProfile Health; nothing otherwise.
     *
     * @param event the extension's event
     * @param owner a class of the application's own (a channel), whose bean archive holds the checks
     * @param readiness reads the channels' readiness at each probe
     */
    public static void addWhenVisible(AfterBeanDiscovery event, Class<?> owner, Supplier<ReadinessReport> readiness) {
        try {
            Class.forName(HEALTH_CHECK, false, ReadinessChecks.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError notVisible) {
            return;
        }
        // Not event.addBean(): Weld puts a configured bean in the bean archive of the extension that
        // adds it, here the library jar, which WildFly's health extension does not see, so the checks
        // were never called there. A Bean added whole goes to the archive of its bean class: the
        // application's, where the server looks for the application's own checks.
        for (String name : List.of(ReadinessReport.CHANNELS, ReadinessReport.BROADCASTS)) {
            event.addBean(new CheckBean(owner, name, readiness));
        }
        LOG.fine("The channels' readiness is checked by MicroProfile Health");
    }

    /** A {@code @Readiness HealthCheck} bean for one named check. */
    private record CheckBean(Class<?> owner, String name, Supplier<ReadinessReport> readiness)
            implements Bean<HealthCheck>, PassivationCapable {

        @Override
        public Class<?> getBeanClass() {
            return owner;
        }

        @Override
        public Set<InjectionPoint> getInjectionPoints() {
            return Set.of();
        }

        @Override
        public HealthCheck create(CreationalContext<HealthCheck> context) {
            return new Check(name, readiness);
        }

        @Override
        public void destroy(HealthCheck instance, CreationalContext<HealthCheck> context) {
            context.release();
        }

        @Override
        public Set<Type> getTypes() {
            return Set.of(HealthCheck.class, Object.class);
        }

        @Override
        public Set<Annotation> getQualifiers() {
            return Set.of(Readiness.Literal.INSTANCE, Any.Literal.INSTANCE);
        }

        @Override
        public Class<? extends Annotation> getScope() {
            return Dependent.class;
        }

        @Override
        public String getName() {
            return null;
        }

        @Override
        public Set<Class<? extends Annotation>> getStereotypes() {
            return Set.of();
        }

        @Override
        public boolean isAlternative() {
            return false;
        }

        @Override
        public String getId() {
            return ReadinessChecks.class.getName() + "." + name;
        }
    }

    /** One named check, read at each probe. */
    private record Check(String name, Supplier<ReadinessReport> readiness) implements HealthCheck {

        @Override
        public HealthCheckResponse call() {
            ReadinessReport.Check check = readiness.get().check(name);
            HealthCheckResponseBuilder response =
                    HealthCheckResponse.named(name).status(check.up());
            check.eachDatum(response::withData, response::withData);
            return response.build();
        }
    }
}
