package io.wschannels.cdi.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteTemplateTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/                        | /",
                "/chat                    | /chat",
                "/chat/{room_id}          | /chat/{room_id}",
                "/chat/:room_id           | /chat/{room_id}",
                "/game/:game_id/{player}  | /game/{game_id}/{player}",
                "/a-b/c.d/e_f/~g/_x       | /a-b/c.d/e_f/~g/_x",
                "/v1/:_private            | /v1/{_private}",
            })
    void acceptsJakartaAndAzuFormsAndNormalizesToJakarta(String declared, String path) {
        assertEquals(path, RouteTemplate.parse(declared).path());
    }

    @Test
    void bothFormsAreTheSameRoute() {
        RouteTemplate jakarta = RouteTemplate.parse("/chat/{room_id}");
        RouteTemplate azu = RouteTemplate.parse("/chat/:room_id");
        assertEquals(jakarta.path(), azu.path());
        assertEquals(jakarta.shape(), azu.shape());
        assertEquals(List.of("room_id"), azu.parameters());
    }

    @Test
    void routesThatDifferOnlyInParameterNamesHaveTheSameShape() {
        assertEquals(
                RouteTemplate.parse("/rooms/{id}/x").shape(),
                RouteTemplate.parse("/rooms/:name/x").shape());
        assertNotEquals(
                RouteTemplate.parse("/rooms/{id}").shape(),
                RouteTemplate.parse("/rooms/new").shape());
        assertNotEquals(
                RouteTemplate.parse("/rooms/{id}").shape(),
                RouteTemplate.parse("/rooms/{id}/{x}").shape());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "chat                | it must start with '/', as in \"/chat\"",
                "/chat/              | it must not end with '/'; write \"/chat\"",
                "/chat//room         | segment 2 is empty ('//'); remove the extra '/'",
                "/chat?x=1           | it must not contain a query string or fragment ('?' or '#'); read query"
                        + " parameters with Connection.queryParam(name) instead",
                "/chat#top           | it must not contain a query string or fragment ('?' or '#'); read query"
                        + " parameters with Connection.queryParam(name) instead",
                "`/chat/ room`       | it must not contain whitespace",
                "/chat/{room         | segment '{room' mixes text and a parameter or has unbalanced braces; a"
                        + " parameter must be a whole segment, such as \"{room_id}\" or \":room_id\"",
                "/chat/room}         | segment 'room}' mixes text and a parameter or has unbalanced braces; a"
                        + " parameter must be a whole segment, such as \"{room_id}\" or \":room_id\"",
                "/chat/room-{id}     | segment 'room-{id}' mixes text and a parameter or has unbalanced braces; a"
                        + " parameter must be a whole segment, such as \"{room_id}\" or \":room_id\"",
                "/chat/room:id       | segment 'room:id' has ':' inside it; an Azu-style parameter is a whole segment"
                        + " starting with ':', such as \":room_id\"",
                "/chat/{}            | parameter in segment 2 ('{}') has no name; names start with a letter or '_' and"
                        + " continue with letters, digits or '_'",
                "/chat/:             | parameter in segment 2 (':') has no name; names start with a letter or '_' and"
                        + " continue with letters, digits or '_'",
                "/chat/{1room}       | parameter in segment 2 ('{1room}') has an invalid name '1room'; names start"
                        + " with a letter or '_' and continue with letters, digits or '_'",
                "/chat/:room-id      | parameter in segment 2 (':room-id') has an invalid name 'room-id'; names start"
                        + " with a letter or '_' and continue with letters, digits or '_'",
                "/chat/{a}/:a        | parameter 'a' appears twice; give each parameter its own name",
                "/chat/a^b           | segment 'a^b' has characters not allowed in a URI path; use letters, digits and"
                        + " - . _ ~",
                "/chät               | segment 'chät' has characters not allowed in a URI path; use letters, digits"
                        + " and - . _ ~",
            })
    void rejectsMalformedRoutesSayingWhatIsWrongAndHowToFixIt(String route, String problem) {
        RouteTemplate.InvalidRouteException e =
                assertThrows(RouteTemplate.InvalidRouteException.class, () -> RouteTemplate.parse(route));
        assertEquals(List.of(problem), e.problems());
        assertEquals("route \"" + route + "\" is malformed: " + problem, e.getMessage());
    }

    @Test
    void reportsEveryProblemOfARouteAtOnce() {
        RouteTemplate.InvalidRouteException e =
                assertThrows(RouteTemplate.InvalidRouteException.class, () -> RouteTemplate.parse("chat//{}/"));
        assertEquals(
                List.of(
                        "it must start with '/', as in \"/chat//{}/\"",
                        "it must not end with '/'; write \"chat//{}\"",
                        "segment 2 is empty ('//'); remove the extra '/'",
                        "parameter in segment 3 ('{}') has no name; names start with a letter or '_' and continue with"
                                + " letters, digits or '_'"),
                e.problems());
    }

    @Test
    void rejectsEmptyAndMissingRoutes() {
        assertEquals(
                List.of("it is empty; write an absolute path such as \"/chat/{room_id}\""),
                assertThrows(RouteTemplate.InvalidRouteException.class, () -> RouteTemplate.parse(""))
                        .problems());
        assertEquals(
                List.of("it is empty; write an absolute path such as \"/chat/{room_id}\""),
                assertThrows(RouteTemplate.InvalidRouteException.class, () -> RouteTemplate.parse(" "))
                        .problems());
    }

    @Test
    void matchesRequestPathsSegmentBySegmentAndPrefersLiteralsAsJakartaWebSocketDoes() {
        RouteTemplate room = RouteTemplate.parse("/chat/{room}");
        RouteTemplate lobby = RouteTemplate.parse("/chat/lobby");
        assertTrue(room.matches("/chat/42"));
        assertFalse(room.matches("/chat/"), "a parameter is never empty");
        assertFalse(room.matches("/chat/42/more"));
        assertFalse(room.matches("/chat"));
        assertTrue(lobby.matches("/chat/lobby"));
        assertFalse(lobby.matches("/chat/42"));
        assertTrue(RouteTemplate.parse("/").matches("/"));
        assertTrue(RouteTemplate.parse("/").matches(""));
        assertTrue(RouteTemplate.MORE_SPECIFIC.compare(lobby, room) < 0);
        assertTrue(RouteTemplate.MORE_SPECIFIC.compare(RouteTemplate.parse("/{a}/x"), RouteTemplate.parse("/{a}/{b}"))
                < 0);
    }
}
