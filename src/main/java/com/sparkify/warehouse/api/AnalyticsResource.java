package com.sparkify.warehouse.api;

import java.sql.SQLException;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Variant;

import com.sparkify.warehouse.analytics.ActiveUser;
import com.sparkify.warehouse.analytics.AnalyticsQuery;
import com.sparkify.warehouse.analytics.AnalyticsService;
import com.sparkify.warehouse.analytics.HourPlays;
import com.sparkify.warehouse.analytics.LevelPlays;
import com.sparkify.warehouse.analytics.QueryResult;
import com.sparkify.warehouse.analytics.Summary;
import com.sparkify.warehouse.analytics.TopArtist;
import com.sparkify.warehouse.analytics.TopLocation;
import com.sparkify.warehouse.analytics.TopSong;
import com.sparkify.warehouse.analytics.UserAgentPlays;
import com.sparkify.warehouse.analytics.WarehouseMissingException;
import com.sparkify.warehouse.analytics.WeekdayPlays;

import io.quarkus.vertx.http.security.AuthorizationPolicy;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The analysts' queries as JSON (or CSV) arrays, cached until the warehouse changes and tagged with a
 * strong ETag for conditional requests.
 */
@Path("/analytics")
@Produces({ MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE })
@Tag(name = "Analytics", description = "The analysts' queries over the star schema. Every answer is an array of "
        + "rows, JSON by default or CSV with a header line for Accept: text/csv, cached until the next successful "
        + "ETL run or reset, with an ETag for If-None-Match. Times are UTC. An invalid parameter gets a 400 "
        + "problem naming it; an empty one counts as not given.")
@APIResponse(responseCode = "304", description = "Not modified: If-None-Match named the current ETag",
        headers = @Header(name = HttpHeaders.ETAG, description = "The current entity tag",
                schema = @Schema(type = SchemaType.STRING)))
@APIResponse(responseCode = "409", description = "The warehouse tables were never created: POST /schema/reset",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                examples = @ExampleObject(name = "never created", value = AnalyticsExamples.WAREHOUSE_MISSING)))
public class AnalyticsResource {

    static final String ETAG_DESCRIPTION = "Strong tag of this representation; send it back in If-None-Match";
    static final String LIMIT = "At most this many rows (1-100, default 10)";
    static final String FROM = "First day (yyyy-MM-dd, UTC, inclusive) of songplays.start_time to count";
    static final String TO = "Last day (yyyy-MM-dd, UTC, inclusive) of songplays.start_time to count; "
            + "not before from";
    static final String LEVEL = "Only plays made at this level (songplays.level, the level at the time of the play)";
    static final String WINDOW = " from/to bound start_time by UTC day, both inclusive (start_time >= from 00:00 "
            + "and < the day after to); level filters on the level at the time of the play. Before any load the "
            + "answer is an empty array.";

    private static final List<Variant> VARIANTS = Variant.mediaTypes(MediaType.APPLICATION_JSON_TYPE,
            MediaType.valueOf(Csv.MEDIA_TYPE)).build();
    private static final CacheControl NO_CACHE = CacheControl.valueOf("no-cache");

    private final AnalyticsService analytics;

    public AnalyticsResource(AnalyticsService analytics) {
        this.analytics = analytics;
    }

    @GET
    @AuthorizationPolicy(name = ReadAccessPolicy.NAME)
    @Path("/top-songs")
    @Operation(operationId = "topSongs", summary = "Most played songs",
            description = "Counts only songplays matched to a catalog song (song_id set). Ordered by plays "
                    + "descending, then title, artist and songId; rank is the position in that order (ROW_NUMBER: "
                    + "1..n, ties get consecutive ranks). artist is the name in the artists table." + WINDOW)
    @APIResponse(responseCode = "200", description = "The songs, best first",
            headers = @Header(name = HttpHeaders.ETAG, description = ETAG_DESCRIPTION,
                    schema = @Schema(type = SchemaType.STRING)),
            content = {
                @Content(mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(type = SchemaType.ARRAY, implementation = TopSong.class),
                        examples = @ExampleObject(name = "udacity", value = AnalyticsExamples.TOP_SONGS,
                                description = "The Udacity logs against the full song catalog")),
                @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING),
                        examples = @ExampleObject(name = "udacity", value = AnalyticsExamples.TOP_SONGS_CSV)) })
    @APIResponse(responseCode = "400", description = "A parameter is invalid; the problem names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "limit", value = AnalyticsExamples.INVALID_LIMIT)))
    public Response topSongs(@Valid @BeanParam RankingParameters parameters,
            @Context Request request, @Context HttpHeaders headers) throws SQLException {
        return respond(analytics.run(AnalyticsQuery.TOP_SONGS, parameters.filter()),
                request, headers);
    }

    @GET
    @AuthorizationPolicy(name = ReadAccessPolicy.NAME)
    @Path("/top-artists")
    @Operation(operationId = "topArtists", summary = "Most played artists",
            description = "Counts only songplays matched to a catalog song (artist_id set); artist is the name in "
                    + "the artists table. Ordered by plays descending, then artist name, then artistId; rank is "
                    + "the position in that order (ROW_NUMBER: 1..n, ties get consecutive ranks)." + WINDOW)
    @APIResponse(responseCode = "200", description = "The artists, best first",
            headers = @Header(name = HttpHeaders.ETAG, description = ETAG_DESCRIPTION,
                    schema = @Schema(type = SchemaType.STRING)),
            content = {
                @Content(mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(type = SchemaType.ARRAY, implementation = TopArtist.class),
                        examples = @ExampleObject(name = "udacity", value = AnalyticsExamples.TOP_ARTISTS,
                                description = "The Udacity logs against the full song catalog")),
                @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "400", description = "A parameter is invalid; the problem names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response topArtists(@Valid @BeanParam RankingParameters parameters,
            @Context Request request, @Context HttpHeaders headers) throws SQLException {
        return respond(analytics.run(AnalyticsQuery.TOP_ARTISTS,
                parameters.filter()), request, headers);
    }

    @GET
    @AuthorizationPolicy(name = ReadAccessPolicy.NAME)
    @Path("/active-users")
    @Operation(operationId = "activeUsers", summary = "Most active users",
            description = "Songplays per user. firstName, lastName and level come from the users table, so level "
                    + "is the user's latest level even when the level filter selects plays made at another one. "
                    + "Ordered by plays descending, then userId; rank is the position in that order (ROW_NUMBER: "
                    + "1..n)." + WINDOW)
    @APIResponse(responseCode = "200", description = "The users, most active first",
            headers = @Header(name = HttpHeaders.ETAG, description = ETAG_DESCRIPTION,
                    schema = @Schema(type = SchemaType.STRING)),
            content = {
                @Content(mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(type = SchemaType.ARRAY, implementation = ActiveUser.class),
                        examples = @ExampleObject(name = "udacity", value = AnalyticsExamples.ACTIVE_USERS,
                                description = "The Udacity logs")),
                @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "400", description = "A parameter is invalid; the problem names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response activeUsers(@Valid @BeanParam RankingParameters parameters,
            @Context Request request, @Context HttpHeaders headers) throws SQLException {
        return respond(analytics.run(AnalyticsQuery.ACTIVE_USERS,
                parameters.filter()), request, headers);
    }

    @GET
    @AuthorizationPolicy(name = ReadAccessPolicy.NAME)
    @Path("/plays-by-hour")
    @Operation(operationId = "playsByHour", summary = "Songplays per hour of the day (UTC)",
            description = "24 rows, hour 0 to 23 of start_time in UTC, hours without plays included with 0."
                    + WINDOW)
    @APIResponse(responseCode = "200", description = "One row per hour",
            headers = @Header(name = HttpHeaders.ETAG, description = ETAG_DESCRIPTION,
                    schema = @Schema(type = SchemaType.STRING)),
            content = {
                @Content(mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(type = SchemaType.ARRAY, implementation = HourPlays.class),
                        examples = @ExampleObject(name = "udacity", value = AnalyticsExamples.PLAYS_BY_HOUR,
                                description = "The Udacity logs: busiest hour 16 UTC")),
                @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "400", description = "A parameter is invalid; the problem names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response playsByHour(@Valid @BeanParam WindowParameters parameters,
            @Context Request request, @Context HttpHeaders headers) throws SQLException {
        return respond(analytics.run(AnalyticsQuery.PLAYS_BY_HOUR, parameters.filter()),
                request, headers);
    }

    @GET
    @AuthorizationPolicy(name = ReadAccessPolicy.NAME)
    @Path("/plays-by-weekday")
    @Operation(operationId = "playsByWeekday", summary = "Songplays per day of the week (UTC)",
            description = "7 rows, weekday as ISO 8601: 1 = Monday ... 7 = Sunday, days without plays included "
                    + "with 0. (The time table's weekday is EXTRACT(dow), 0 = Sunday; this answer converts.)"
                    + WINDOW)
    @APIResponse(responseCode = "200", description = "One row per day of the week",
            headers = @Header(name = HttpHeaders.ETAG, description = ETAG_DESCRIPTION,
                    schema = @Schema(type = SchemaType.STRING)),
            content = {
                @Content(mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(type = SchemaType.ARRAY, implementation = WeekdayPlays.class),
                        examples = @ExampleObject(name = "udacity", value = AnalyticsExamples.PLAYS_BY_WEEKDAY,
                                description = "The Udacity logs")),
                @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "400", description = "A parameter is invalid; the problem names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response playsByWeekday(@Valid @BeanParam WindowParameters parameters,
            @Context Request request, @Context HttpHeaders headers) throws SQLException {
        return respond(analytics.run(AnalyticsQuery.PLAYS_BY_WEEKDAY, parameters.filter()),
                request, headers);
    }

    @GET
    @AuthorizationPolicy(name = ReadAccessPolicy.NAME)
    @Path("/levels")
    @Operation(operationId = "levels", summary = "Songplays and users per level",
            description = "Grouped by songplays.level, the level at the time of the play: plays = songplays at "
                    + "that level, users = distinct users who played at that level in the window, so a user who "
                    + "changed level counts under both (the users table, by latest level, has 22 paid and 74 free "
                    + "of 96 in the Udacity logs). Levels without plays have no row; ordered by level. from/to as "
                    + "elsewhere; before any load the answer is an empty array.")
    @APIResponse(responseCode = "200", description = "One row per level",
            headers = @Header(name = HttpHeaders.ETAG, description = ETAG_DESCRIPTION,
                    schema = @Schema(type = SchemaType.STRING)),
            content = {
                @Content(mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(type = SchemaType.ARRAY, implementation = LevelPlays.class),
                        examples = @ExampleObject(name = "udacity", value = AnalyticsExamples.LEVELS,
                                description = "The Udacity logs")),
                @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "400", description = "A parameter is invalid; the problem names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response levels(@Valid @BeanParam DaysParameters parameters,
            @Context Request request, @Context HttpHeaders headers) throws SQLException {
        return respond(analytics.run(AnalyticsQuery.LEVELS, parameters.filter()), request, headers);
    }

    @GET
    @AuthorizationPolicy(name = ReadAccessPolicy.NAME)
    @Path("/top-locations")
    @Operation(operationId = "topLocations", summary = "Locations with the most songplays",
            description = "Songplays and distinct users per location (plays without a location are left out). "
                    + "Ordered by plays descending, then location; rank is the position in that order "
                    + "(ROW_NUMBER: 1..n)." + WINDOW)
    @APIResponse(responseCode = "200", description = "The locations, busiest first",
            headers = @Header(name = HttpHeaders.ETAG, description = ETAG_DESCRIPTION,
                    schema = @Schema(type = SchemaType.STRING)),
            content = {
                @Content(mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(type = SchemaType.ARRAY, implementation = TopLocation.class),
                        examples = @ExampleObject(name = "udacity", value = AnalyticsExamples.TOP_LOCATIONS,
                                description = "The Udacity logs")),
                @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "400", description = "A parameter is invalid; the problem names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response topLocations(@Valid @BeanParam RankingParameters parameters,
            @Context Request request, @Context HttpHeaders headers) throws SQLException {
        return respond(analytics.run(AnalyticsQuery.TOP_LOCATIONS,
                parameters.filter()), request, headers);
    }

    @GET
    @AuthorizationPolicy(name = ReadAccessPolicy.NAME)
    @Path("/user-agents")
    @Operation(operationId = "userAgents", summary = "Songplays per browser and OS family",
            description = "The user agent is classified by substring, first match wins. Browser: Edge (Edge/, "
                    + "Edg/), Opera (OPR/, Opera), Internet Explorer (MSIE, Trident/), Firefox, Chrome (Chrome/, "
                    + "Chromium/, CriOS/), Safari, else Other. OS: Windows, iOS (iPhone, iPad, iPod), Android, "
                    + "Mac OS X (Macintosh), Linux (Linux, X11), else Other. Every family pair with plays is "
                    + "listed (no limit), ordered by plays descending, then browser, then os; users = distinct "
                    + "users." + WINDOW)
    @APIResponse(responseCode = "200", description = "One row per browser and OS family",
            headers = @Header(name = HttpHeaders.ETAG, description = ETAG_DESCRIPTION,
                    schema = @Schema(type = SchemaType.STRING)),
            content = {
                @Content(mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(type = SchemaType.ARRAY, implementation = UserAgentPlays.class),
                        examples = @ExampleObject(name = "udacity", value = AnalyticsExamples.USER_AGENTS,
                                description = "The Udacity logs")),
                @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "400", description = "A parameter is invalid; the problem names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response userAgents(@Valid @BeanParam WindowParameters parameters,
            @Context Request request, @Context HttpHeaders headers) throws SQLException {
        return respond(analytics.run(AnalyticsQuery.USER_AGENTS, parameters.filter()),
                request, headers);
    }

    @GET
    @AuthorizationPolicy(name = ReadAccessPolicy.NAME)
    @Path("/summary")
    @Operation(operationId = "getSummary", summary = "Row counts and the last successful ETL run",
            description = "Always one row: the row count of every staging and star table (zeros after a reset), "
                    + "songplaysWithSong (the songplays matched to a catalog song) "
                    + "and the id and finish time of the last successful ETL run, null when none has succeeded "
                    + "since the last reset.")
    @APIResponse(responseCode = "200", description = "One row",
            headers = @Header(name = HttpHeaders.ETAG, description = ETAG_DESCRIPTION,
                    schema = @Schema(type = SchemaType.STRING)),
            content = {
                @Content(mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(type = SchemaType.ARRAY, implementation = Summary.class),
                        examples = @ExampleObject(name = "udacity", value = AnalyticsExamples.SUMMARY,
                                description = "After loading the Udacity logs and full song catalog")),
                @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING)) })
    public Response summary(@Context Request request, @Context HttpHeaders headers) throws SQLException {
        return respond(analytics.summary(), request, headers);
    }

    /** A warehouse without tables is a state the caller can fix, so 409 rather than 500. */
    @ServerExceptionMapper
    public Response warehouseMissing(WarehouseMissingException e, UriInfo uri) {
        return Response.status(Response.Status.CONFLICT).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(409, "warehouse-missing", "The warehouse has no tables", e.getMessage())
                        .withInstance(uri.getPath()))
                .build();
    }

    /** JSON or CSV as the caller accepts, or 304 when If-None-Match names this representation's tag. */
    private static <T extends Record> Response respond(QueryResult<T> result, Request request, HttpHeaders headers) {
        Variant variant = request.selectVariant(VARIANTS);
        boolean csv = variant != null && variant.getMediaType().isCompatible(MediaType.valueOf(Csv.MEDIA_TYPE));
        // Each representation has its own strong tag: the bytes differ.
        EntityTag tag = new EntityTag(csv ? result.etag() + "-csv" : result.etag());
        // selectVariant has already added Vary: Accept to the response.
        if (noneMatchHits(headers.getRequestHeader(HttpHeaders.IF_NONE_MATCH), tag)) {
            return Response.notModified(tag).cacheControl(NO_CACHE).build();
        }
        Response.ResponseBuilder ok = csv
                ? Response.ok(Csv.write(result.rowType(), result.rows()), Csv.MEDIA_TYPE + ";charset=UTF-8")
                : Response.ok(result.json(), MediaType.APPLICATION_JSON_TYPE);
        return ok.tag(tag).cacheControl(NO_CACHE).build();
    }

    /**
     * If-None-Match compares weakly (RFC 9110 section 13.1.2): {@code W/"x"} matches {@code "x"}, so a cached
     * copy a compressing proxy re-tagged as weak still gets 304.
     */
    static boolean noneMatchHits(List<String> ifNoneMatch, EntityTag current) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String header : ifNoneMatch) {
            for (String candidate : header.split(",")) {
                String tag = candidate.strip();
                if (tag.equals("*")) {
                    return true;
                }
                if (tag.startsWith("W/")) {
                    tag = tag.substring(2);
                }
                if (tag.equals("\"" + current.getValue() + "\"")) {
                    return true;
                }
            }
        }
        return false;
    }
}
