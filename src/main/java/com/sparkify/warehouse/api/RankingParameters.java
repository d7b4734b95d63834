package com.sparkify.warehouse.api;

import jakarta.ws.rs.QueryParam;

import com.sparkify.warehouse.analytics.AnalyticsFilter;
import com.sparkify.warehouse.api.AnalyticsConstraints.Day;
import com.sparkify.warehouse.api.AnalyticsConstraints.DayRange;
import com.sparkify.warehouse.api.AnalyticsConstraints.Level;
import com.sparkify.warehouse.api.AnalyticsConstraints.Limit;
import com.sparkify.warehouse.api.AnalyticsConstraints.Ordered;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The query parameters of a ranking ({@code @BeanParam}): how many rows, which days, which level.
 */
@Ordered
public record RankingParameters(
        @Parameter(description = AnalyticsResource.LIMIT, schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
                maximum = "100", defaultValue = "10"))
        @QueryParam("limit") @Limit String limit,
        @Parameter(description = AnalyticsResource.FROM, example = "2018-11-01",
                schema = @Schema(type = SchemaType.STRING, format = "date"))
        @QueryParam("from") @Day String from,
        @Parameter(description = AnalyticsResource.TO, example = "2018-11-30",
                schema = @Schema(type = SchemaType.STRING, format = "date"))
        @QueryParam("to") @Day String to,
        @Parameter(description = AnalyticsResource.LEVEL,
                schema = @Schema(type = SchemaType.STRING, enumeration = { "free", "paid" }))
        @QueryParam("level") @Level String level) implements DayRange {

    AnalyticsFilter filter() {
        return AnalyticsConstraints.filter(limit, from, to, level);
    }
}
