package io.wschannels.it.app;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The paid orders, a table in the server's default data source (JTA-enlisted: what a transaction
 * wrote is visible to others once it commits, and gone if it rolls back).
 */
@ApplicationScoped
public class PaidOrders {

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource database;

    /** At start-up, outside any transaction (H2 commits whatever surrounds a DDL statement). */
    void createTable(@Observes @Initialized(ApplicationScoped.class) Object started) {
        try (Connection connection = database.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS paid_orders (id VARCHAR(64) PRIMARY KEY)");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the table paid_orders", e);
        }
    }

    public void insert(String id) {
        try (Connection connection = database.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO paid_orders (id) VALUES (?)")) {
            insert.setString(1, id);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record order " + id, e);
        }
    }

    public boolean contains(String id) {
        try (Connection connection = database.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT id FROM paid_orders WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet found = select.executeQuery()) {
                return found.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read order " + id, e);
        }
    }
}
