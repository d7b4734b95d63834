package com.sparkify.warehouse.analytics;

import java.util.ArrayList;
import java.util.List;

/**
 * A SQL statement whose {@code :name} parameters are turned into JDBC's positional {@code ?} markers,
 * so a resource can use a value several times and in any order. Quoted text, comments and
 * {@code ::} casts are left alone; a bare {@code ?} is refused so every value goes through a name.
 */
record NamedSql(String sql, List<QueryParameter> parameters) {

    NamedSql {
        parameters = List.copyOf(parameters);
    }

    static NamedSql parse(String text) {
        StringBuilder out = new StringBuilder(text.length());
        List<QueryParameter> parameters = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            char next = i + 1 < n ? text.charAt(i + 1) : '\0';
            if (c == '\'' || c == '"') {
                int end = closingQuote(text, i);
                out.append(text, i, end);
                i = end;
            } else if (c == '-' && next == '-') {
                int end = text.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (c == '/' && next == '*') {
                int end = text.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated comment in SQL");
                }
                out.append(' ');
                i = end + 2;
            } else if (c == ':' && next == ':') {
                out.append("::");
                i += 2;
            } else if (c == ':' && isNameStart(next)) {
                int end = i + 1;
                while (end < n && isNamePart(text.charAt(end))) {
                    end++;
                }
                parameters.add(QueryParameter.named(text.substring(i + 1, end)));
                out.append('?');
                i = end;
            } else if (c == '?') {
                throw new IllegalArgumentException("use named parameters (:name), not ?, in analytics SQL");
            } else {
                out.append(c);
                i++;
            }
        }
        return new NamedSql(out.toString().strip(), parameters);
    }

    /** Index just past the quote that closes the one at {@code start}; a doubled quote is an escaped one. */
    private static int closingQuote(String text, int start) {
        char quote = text.charAt(start);
        int i = start + 1;
        while (i < text.length()) {
            if (text.charAt(i) == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        throw new IllegalArgumentException("unterminated quote in SQL");
    }

    private static boolean isNameStart(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || c == '_' || (c >= '0' && c <= '9');
    }
}
