package com.sparkify.warehouse.api;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import com.sparkify.warehouse.analytics.AnalyticsFilter;

import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

/**
 * Bean Validation constraints of the analytics query parameters ({@link RankingParameters} and its
 * siblings). The parameters stay strings because a JAX-RS conversion failure would answer 404 without
 * naming the parameter; an empty value counts as not given, as in {@link Params}. Each message repeats at
 * most 40 characters of what the caller sent; {@link ProblemMappers} puts the parameter's name before it.
 */
public final class AnalyticsConstraints {

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private AnalyticsConstraints() {
    }

    /** {@code limit}: a whole number from 1 to {@link AnalyticsFilter#MAX_LIMIT}. */
    @Documented
    @Retention(RUNTIME)
    @Target({ FIELD, PARAMETER })
    @Constraint(validatedBy = LimitValidator.class)
    public @interface Limit {
        String message() default "must be a whole number from 1 to " + AnalyticsFilter.MAX_LIMIT + ", not {value}";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** {@code from} or {@code to}: a day as yyyy-MM-dd. */
    @Documented
    @Retention(RUNTIME)
    @Target({ FIELD, PARAMETER })
    @Constraint(validatedBy = DayValidator.class)
    public @interface Day {
        String message() default "must be a date as yyyy-MM-dd (UTC), not {value}";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** {@code level}: free or paid, any case. */
    @Documented
    @Retention(RUNTIME)
    @Target({ FIELD, PARAMETER })
    @Constraint(validatedBy = LevelValidator.class)
    public @interface Level {
        String message() default "must be free or paid, not {value}";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** {@code from} not after {@code to}; the violation names {@code from}. */
    @Documented
    @Retention(RUNTIME)
    @Target(TYPE)
    @Constraint(validatedBy = OrderedValidator.class)
    public @interface Ordered {
        String message() default "({from}) is after to ({to})";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** The days a query's parameters bound it by. */
    public interface DayRange {
        String from();

        String to();
    }

    public static final class LimitValidator implements ConstraintValidator<Limit, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (blank(value)) {
                return true;
            }
            try {
                int limit = Integer.parseInt(value.strip());
                if (limit >= 1 && limit <= AnalyticsFilter.MAX_LIMIT) {
                    return true;
                }
                return echo(context, String.valueOf(limit));
            } catch (NumberFormatException e) {
                return echo(context, quoted(value));
            }
        }
    }

    public static final class DayValidator implements ConstraintValidator<Day, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return blank(value) || parseDay(value) != null || echo(context, quoted(value));
        }
    }

    public static final class LevelValidator implements ConstraintValidator<Level, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return blank(value) || AnalyticsFilter.LEVELS.contains(value.strip().toLowerCase(Locale.ROOT))
                    || echo(context, quoted(value));
        }
    }

    public static final class OrderedValidator implements ConstraintValidator<Ordered, DayRange> {
        @Override
        public boolean isValid(DayRange range, ConstraintValidatorContext context) {
            // An unreadable day is its own violation.
            LocalDate from = blank(range.from()) ? null : parseDay(range.from());
            LocalDate to = blank(range.to()) ? null : parseDay(range.to());
            if (from == null || to == null || !from.isAfter(to)) {
                return true;
            }
            HibernateConstraintValidatorContext hibernate = context.unwrap(HibernateConstraintValidatorContext.class);
            hibernate.addMessageParameter("from", from.toString()).addMessageParameter("to", to.toString());
            hibernate.disableDefaultConstraintViolation();
            hibernate.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                    .addPropertyNode("from").addConstraintViolation();
            return false;
        }
    }

    /** The filter the parameters ask for; call only once they are valid. */
    static AnalyticsFilter filter(String limit, String from, String to, String level) {
        return new AnalyticsFilter(blank(from) ? null : parseDay(from), blank(to) ? null : parseDay(to),
                blank(level) ? null : level.strip().toLowerCase(Locale.ROOT),
                blank(limit) ? AnalyticsFilter.DEFAULT_LIMIT : Integer.parseInt(limit.strip()));
    }

    private static LocalDate parseDay(String value) {
        if (!DATE.matcher(value).matches()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static boolean echo(ConstraintValidatorContext context, String value) {
        context.unwrap(HibernateConstraintValidatorContext.class).addMessageParameter("value", value);
        return false;
    }

    /** At most 40 characters of what the caller sent, in quotes, control characters as '?'. */
    private static String quoted(String value) {
        String printable = value.replaceAll("\\p{Cntrl}", "?");
        return "'" + (printable.length() <= 40 ? printable : printable.substring(0, 40) + "...") + "'";
    }
}
