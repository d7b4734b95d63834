package com.sparkify.warehouse.run;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of the ledger, by key, and how many entries match in all. */
@Schema(name = "Ledger", description = "Objects runs loaded, by key")
public record LedgerPage(List<LoadedObject> items,
        @Schema(description = "Entries matching the prefix, over all pages", example = "6850") long total) {
}
