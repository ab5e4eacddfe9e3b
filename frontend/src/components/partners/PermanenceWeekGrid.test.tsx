import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { addSlot } from "../../hours/model";
import { WeekGrid } from "../hours/WeekGrid";

const slots = addSlot([], 2);

describe("WeekGrid of a permanence", () => {
  it("has no « Agents prévus » field when showAgents is false", () => {
    render(<WeekGrid slots={slots} onChange={() => undefined} scheduleIndex={0} error={null} stops={[]} editable showAgents={false} />);
    expect(screen.getByLabelText("Début")).toBeInTheDocument();
    expect(screen.queryByLabelText("Agents prévus")).toBeNull();
  });

  it("keeps the field by default (the opening hours)", () => {
    render(<WeekGrid slots={slots} onChange={() => undefined} scheduleIndex={0} error={null} stops={[]} editable />);
    expect(screen.getByLabelText("Agents prévus")).toBeInTheDocument();
  });
});
