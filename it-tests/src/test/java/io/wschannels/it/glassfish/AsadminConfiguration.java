package io.wschannels.it.glassfish;

import java.io.File;
import org.jboss.arquillian.container.spi.ConfigurationException;
import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;

/** Where GlassFish is installed, and its HTTP port (arquillian.xml, qualifier {@code glassfish}). */
public final class AsadminConfiguration implements ContainerConfiguration {

    private String glassFishHome;
    private int httpPort = 8080;
    private int startupTimeoutInSeconds = 180;

    public String getGlassFishHome() {
        return glassFishHome;
    }

    public void setGlassFishHome(String glassFishHome) {
        this.glassFishHome = glassFishHome;
    }

    public int getHttpPort() {
        return httpPort;
    }

    public void setHttpPort(int httpPort) {
        this.httpPort = httpPort;
    }

    public int getStartupTimeoutInSeconds() {
        return startupTimeoutInSeconds;
    }

    public void setStartupTimeoutInSeconds(int startupTimeoutInSeconds) {
        this.startupTimeoutInSeconds = startupTimeoutInSeconds;
    }

    @Override
    public void validate() throws ConfigurationException {
        if (glassFishHome == null || !new File(glassFishHome, "bin/asadmin").canExecute()) {
            throw new ConfigurationException("glassFishHome " + glassFishHome
                    + " has no bin/asadmin: point it at an unpacked GlassFish (the build unpacks one in target)");
        }
    }
}
