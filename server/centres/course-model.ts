// Courses of learning providers as a Sequelize model: a course belongs to its centre
// (server/db/models.ts) and is approved for one programme that pays for courses. The validations
// repeat the table's checks (a positive price in an ISO 4217 currency, one of three statuses).
import { Decimal } from 'decimal.js';
import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';

const COURSE_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type CourseStatus = (typeof COURSE_STATUSES)[number];

export type CourseAttributes = {
  id: string;
  centreId: string;
  programmeCode: string;
  /** What a credit lot restricted to some courses matches on (lower case, e.g. "digital"). */
  tags: string[];
  title: string;
  qualification: string;
  /** NUMERIC(12, 2) as the exact string pg gives (server/db/database.ts), never a float. */
  price: string;
  currency: string;
  status: CourseStatus;
  decidedBy: string | null;
  decidedAt: Date | null;
  createdAt: Date;
};
type Creation = Optional<CourseAttributes, 'id' | 'status' | 'decidedBy' | 'decidedAt' | 'tags'>;
export type CourseModel = ModelStatic<Model<CourseAttributes, Creation>>;

export function defineCourse(sequelize: Sequelize): CourseModel {
  return sequelize.define<Model<CourseAttributes, Creation>>(
    'Course',
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      centreId: { type: DataTypes.UUID, allowNull: false },
      programmeCode: { type: DataTypes.TEXT, allowNull: false, field: 'programme_code' },
      tags: { type: DataTypes.ARRAY(DataTypes.TEXT), allowNull: false, defaultValue: [] },
      title: { type: DataTypes.TEXT, allowNull: false, validate: { notEmpty: true } },
      qualification: { type: DataTypes.TEXT, allowNull: false, validate: { notEmpty: true } },
      price: {
        type: DataTypes.DECIMAL(12, 2),
        allowNull: false,
        validate: {
          isAmountAboveZero(price: string) {
            if (!/^\d{1,10}(\.\d{1,2})?$/.test(price) || new Decimal(price).lte(0))
              throw new Error('must be an amount above zero, in cents');
          },
        },
      },
      currency: { type: DataTypes.TEXT, allowNull: false, validate: { is: /^[A-Z]{3}$/ } },
      status: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'pending', validate: { isIn: [[...COURSE_STATUSES]] } },
      decidedBy: { type: DataTypes.UUID, allowNull: true },
      decidedAt: { type: DataTypes.DATE, allowNull: true },
      createdAt: { type: DataTypes.DATE, allowNull: false },
    },
    { tableName: 'courses' },
  );
}
