package com.taskscheduler.db;

import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.LocalDateTime;

/**
 * The columns every legacy table has: an identity {@code ID} and who wrote the row, when and where.
 * {@code InsertedAt} is local wall-clock time, as the Python tool writes it.
 */
@MappedSuperclass
public abstract class LegacyRow {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  @Column(name = "ID")
  private Integer id;

  @Column(name = "InsertedAt")
  private LocalDateTime insertedAt;

  @Column(name = "InsertedBy")
  private String insertedBy;

  @Column(name = "InsertedHost")
  private String insertedHost;

  public Integer getId() {
    return id;
  }

  public LocalDateTime getInsertedAt() {
    return insertedAt;
  }

  public void setInsertedAt(LocalDateTime insertedAt) {
    this.insertedAt = insertedAt;
  }

  public String getInsertedBy() {
    return insertedBy;
  }

  public void setInsertedBy(String insertedBy) {
    this.insertedBy = insertedBy;
  }

  public String getInsertedHost() {
    return insertedHost;
  }

  public void setInsertedHost(String insertedHost) {
    this.insertedHost = insertedHost;
  }
}
