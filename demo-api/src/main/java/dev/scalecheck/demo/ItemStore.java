package dev.scalecheck.demo;

import java.sql.SQLException;
import java.util.Optional;

/** Where items live: the database (correct) or this process's memory (the memory-state fault). */
interface ItemStore {

    record Item(long id, String body, String createdBy) {}

    long create(String body, String createdBy) throws SQLException;

    Optional<Item> find(long id) throws SQLException;
}
