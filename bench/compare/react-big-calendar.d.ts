// The part of react-big-calendar's API the side-by-side page uses (the package ships no types).

declare module 'react-big-calendar' {
  import type { ComponentType, CSSProperties } from 'react';

  export interface DateLocalizer {
    readonly format: unknown;
  }
  export function dateFnsLocalizer(config: {
    readonly format: unknown;
    readonly parse: unknown;
    readonly startOfWeek: unknown;
    readonly getDay: unknown;
    readonly locales: Record<string, unknown>;
  }): DateLocalizer;

  export interface BigCalendarEvent {
    readonly id: string;
    readonly title: string;
    readonly start: Date;
    readonly end: Date;
  }
  export const Calendar: ComponentType<{
    readonly localizer: DateLocalizer;
    readonly events: readonly BigCalendarEvent[];
    readonly date: Date;
    readonly view: 'month' | 'week' | 'day' | 'agenda';
    readonly views: readonly string[];
    readonly onNavigate: () => void;
    readonly onView: () => void;
    readonly toolbar: boolean;
    readonly style?: CSSProperties;
    readonly scrollToTime?: Date;
    readonly length?: number;
    readonly popup?: boolean;
  }>;
}

declare module '*.css';
